export { SupervisorBoardComponent } from './lib/supervisor-board.component';
