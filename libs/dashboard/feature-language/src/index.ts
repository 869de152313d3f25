export { LanguagePageComponent } from './lib/language-page.component';
