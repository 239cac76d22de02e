import { AppShell, Badge, Group, Loader, NavLink, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { ErrorNotice } from '../components/ErrorNotice';
import { SampleBanner } from '../components/SampleBanner';
import { WelcomeScreen } from '../features/welcome/WelcomeScreen';
import { NAV } from './nav';
import { RouteContext, type Route } from './route';
import { useWorkspaceLoader, WorkspaceProvider } from './workspace-context';
import { api } from '../api/client';
import { AppCommands } from '../features/app-info/AppCommands';

export function App() {
  const { value, loaded, error, version, refresh } = useWorkspaceLoader();
  const [route, setRoute] = useState<Route>({ screen: 'dashboard' });

  if (!loaded) return <Loader m="xl" />;
  if (!value) {
    return (
      <div data-app-state="welcome">
        <AppCommands />
        <ErrorNotice error={error} />
        <WelcomeScreen onOpened={() => void refresh().then(() => setRoute({ screen: 'dashboard' }))} />
      </div>
    );
  }

  const active = NAV.find((n) => n.screen === route.screen) ?? NAV[0]!;
  const Screen = active.component;
  const { meta } = value.snapshot;
  return (
    <WorkspaceProvider value={{ ...value, version, refresh }}>
      <RouteContext.Provider value={{ route, navigate: setRoute }}>
        <AppShell navbar={{ width: 230, breakpoint: 0 }} header={{ height: 56 }} padding="md" data-app-state="loaded">
          <AppShell.Header px="md">
            <Group h="100%" justify="space-between">
              <Group gap="sm">
                <Title order={4}>Audit Workbench</Title>
                <Text c="dimmed" size="sm" data-testid="workspace-title">
                  {meta.companyName} · {meta.systemName}
                </Text>
              </Group>
              <Group gap="xs">
                <Badge variant="light">SOC 2 Type 1 as of {meta.asOfDate}</Badge>
                <Text size="sm" c="dimmed" data-testid="me">
                  {value.snapshot.me ? value.snapshot.me.name : 'Who are you? (Team)'}
                </Text>
              </Group>
            </Group>
          </AppShell.Header>
          <AppShell.Navbar p="xs">
            <Stack gap={2}>
              {NAV.map((item) => (
                <NavLink
                  component="button"
                  key={item.screen}
                  label={item.label}
                  active={item.screen === active.screen}
                  onClick={() => setRoute({ screen: item.screen })}
                  data-testid={`nav-${item.screen}`}
                />
              ))}
              <NavLink
                component="button"
                label="Close workspace"
                mt="lg"
                c="dimmed"
                onClick={() => void api().workspace.close().then(refresh)}
                data-testid="nav-close"
              />
            </Stack>
          </AppShell.Navbar>
          <AppShell.Main>
            <AppCommands />
            {meta.sample && <SampleBanner />}
            <Screen />
          </AppShell.Main>
        </AppShell>
      </RouteContext.Provider>
    </WorkspaceProvider>
  );
}
