import { useRoute } from '../../app/route';
import { ControlDetail } from './ControlDetail';
import { ControlsList } from './ControlsList';

export function ControlsScreen() {
  const { route } = useRoute();
  return route.params?.controlId ? <ControlDetail controlId={route.params.controlId} /> : <ControlsList />;
}
