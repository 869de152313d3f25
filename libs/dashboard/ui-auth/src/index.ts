export * from './lib/login-form.component';
export * from './lib/signed-in-user.component';
