import { ActivatedRouteSnapshot, Routes } from '@angular/router';
import { PRODUCT_NAME } from './product-name';

/**
 * Top-level routes of the dashboard. Each page is loaded lazily so the first paint only pays for
 * the shell; feature libs under libs/dashboard/ will replace the placeholder components.
 */
export const appRoutes: Routes = [
  {
    path: '',
    pathMatch: 'full',
    title: `Supervisor board · ${PRODUCT_NAME}`,
    loadComponent: () =>
      import('./pages/supervisor-board-placeholder.component').then(
        (module) => module.SupervisorBoardPlaceholderComponent,
      ),
  },
  {
    path: 'calls/:id',
    title: (route: ActivatedRouteSnapshot) => `Call ${route.paramMap.get('id')} · ${PRODUCT_NAME}`,
    loadComponent: () =>
      import('./pages/call-view-placeholder.component').then((module) => module.CallViewPlaceholderComponent),
  },
  {
    path: 'agent/:agentId',
    title: (route: ActivatedRouteSnapshot) => `Agent ${route.paramMap.get('agentId')} · ${PRODUCT_NAME}`,
    loadComponent: () =>
      import('./pages/agent-view-placeholder.component').then((module) => module.AgentViewPlaceholderComponent),
  },
  { path: '**', redirectTo: '' },
];
