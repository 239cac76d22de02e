import { buildBridge } from './harness/bridge-bundle';

export default async function globalSetup() {
  await buildBridge();
}
