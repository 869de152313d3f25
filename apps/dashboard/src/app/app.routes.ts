import { ActivatedRouteSnapshot, Routes } from '@angular/router';
import { ownAgentViewOnly, requireSignIn, signedOutOnly, supervisorsOnly } from '@tnt/dashboard/feature-auth';
import { PRODUCT_NAME } from './product-name';

/**
 * Top-level routes of the dashboard. Each page is a feature lib loaded lazily, so the first paint
 * only pays for the shell; route parameters arrive as the pages' inputs. Every page but the
 * sign-in page needs someone signed in; the board is for supervisors, and an agent sees only its
 * own agent view (the server decides which calls it may open).
 */
export const appRoutes: Routes = [
  {
    path: 'login',
    title: `Sign in · ${PRODUCT_NAME}`,
    canActivate: [signedOutOnly],
    loadComponent: () => import('@tnt/dashboard/feature-auth/login-page').then((module) => module.LoginPageComponent),
  },
  {
    path: '',
    canActivateChild: [requireSignIn],
    children: [
      {
        path: '',
        pathMatch: 'full',
        title: `Supervisor board · ${PRODUCT_NAME}`,
        canActivate: [supervisorsOnly],
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
        canActivate: [ownAgentViewOnly],
        loadComponent: () => import('@tnt/dashboard/feature-agent-view').then((module) => module.AgentViewComponent),
      },
      {
        path: 'rules',
        title: `Alert rules · ${PRODUCT_NAME}`,
        canActivate: [supervisorsOnly],
        loadComponent: () => import('@tnt/dashboard/feature-alert-rules').then((module) => module.AlertRulesPageComponent),
      },
      {
        path: 'history',
        title: `Call history · ${PRODUCT_NAME}`,
        loadComponent: () => import('@tnt/dashboard/feature-history').then((module) => module.HistoryPageComponent),
      },
      {
        path: 'cards',
        title: `Cards · ${PRODUCT_NAME}`,
        canActivate: [supervisorsOnly],
        loadComponent: () => import('@tnt/dashboard/feature-assist-cards').then((module) => module.AssistCardsPageComponent),
      },
      {
        path: 'language',
        title: `Language · ${PRODUCT_NAME}`,
        canActivate: [supervisorsOnly],
        loadComponent: () => import('@tnt/dashboard/feature-language').then((module) => module.LanguagePageComponent),
      },
      {
        path: 'history/:id',
        title: (route: ActivatedRouteSnapshot) => `Call ${route.paramMap.get('id')} (history) · ${PRODUCT_NAME}`,
        loadComponent: () => import('@tnt/dashboard/feature-history').then((module) => module.PastCallPageComponent),
      },
    ],
  },
  { path: '**', redirectTo: '' },
];
