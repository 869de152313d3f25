import { ActivatedRouteSnapshot, Routes } from '@angular/router';
import { PRODUCT_NAME } from './product-name';

/**
 * Top-level routes of the dashboard. Each page is a feature lib loaded lazily, so the first paint
 * only pays for the shell; route parameters arrive as the pages' inputs.
 */
export const appRoutes: Routes = [
  {
    path: '',
    pathMatch: 'full',
    title: `Supervisor board · ${PRODUCT_NAME}`,
    loadComponent: () => import('@tnt/dashboard/feature-supervisor').then((module) => module.SupervisorBoardComponent),
  },
  {
    path: 'calls/:id',
    title: (route: ActivatedRouteSnapshot) => `Call ${route.paramMap.get('id')} · ${PRODUCT_NAME}`,
    loadComponent: () => import('@tnt/dashboard/feature-call-view').then((module) => module.CallViewComponent),
  },
  {
    path: 'agent/:agentId',
    title: (route: ActivatedRouteSnapshot) => `Agent ${route.paramMap.get('agentId')} · ${PRODUCT_NAME}`,
    loadComponent: () => import('@tnt/dashboard/feature-agent-view').then((module) => module.AgentViewComponent),
  },
  { path: '**', redirectTo: '' },
];
