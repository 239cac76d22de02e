import { Text } from '@mantine/core';
export function Dashboard() {
  return <Text>Dashboard</Text>;
}
