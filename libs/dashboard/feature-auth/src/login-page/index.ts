// A separate entry point so that the sign-in page is a lazy chunk: the guards and the header's
// account corner (the main entry) are needed on every page, the sign-in form only when signed out.
export { LoginPageComponent } from '../lib/login-page.component';
