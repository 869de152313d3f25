// Every dashboard spec runs Angular without zone.js, as the app does.
require('jest-preset-angular/setup-env/zoneless').setupZonelessTestEnv();
