import { useRoute } from '../../app/route';
import { ImportFlow } from './ImportFlow';
import { RequestDetail } from './RequestDetail';
import { RequestsList } from './RequestsList';

/** The auditor's request list: the list with what is due per owner, one request's answer, or an import. */
export function RequestsScreen() {
  const { route } = useRoute();
  if (route.params?.import) return <ImportFlow />;
  if (route.params?.id) return <RequestDetail id={route.params.id} />;
  return <RequestsList />;
}
