export { AssistCardsPageComponent } from './lib/assist-cards-page.component';
