import { bootstrapApplication } from '@angular/platform-browser';
import { AppComponent } from './app/app.component';
import { appConfig } from './app/app.config';

bootstrapApplication(AppComponent, appConfig).catch((error: unknown) => {
  // Nothing is on screen if bootstrap fails, so the console is the only place left to report it.
  console.error('TnT dashboard failed to start', error);
});
