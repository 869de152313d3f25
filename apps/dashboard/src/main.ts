import { bootstrapApplication } from '@angular/platform-browser';
import { AppComponent } from './app/app.component';
import { appConfig } from './app/app.config';

bootstrapApplication(AppComponent, appConfig).catch((error: unknown) => {
  console.error('TnT dashboard failed to start', error);
  // Nothing of the app is on screen, so say so in place of the loading message.
  const message = document.querySelector('.boot-message');
  if (message) message.textContent = 'The TnT dashboard failed to start. Reload the page; if it keeps failing, see the browser console.';
});
