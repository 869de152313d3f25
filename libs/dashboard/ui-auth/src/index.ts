export { LoginFormComponent, type SignInCredentials } from './lib/login-form.component';
export { SignedInUserComponent } from './lib/signed-in-user.component';
