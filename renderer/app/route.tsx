import { createContext, useContext } from 'react';

export interface Route {
  screen: string;
  params?: Record<string, string>;
}

export const RouteContext = createContext<{ route: Route; navigate(route: Route): void }>({
  route: { screen: 'dashboard' },
  navigate: () => {},
});

export const useRoute = () => useContext(RouteContext);
