import { ChangeDetectionStrategy, Component } from '@angular/core';
import { RouterLink, RouterLinkActive, RouterOutlet } from '@angular/router';
import { PRODUCT_NAME } from './product-name';

/** The dashboard shell: a header with the product name and navigation, and the routed page below it. */
@Component({
  selector: 'tnt-root',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterOutlet, RouterLink, RouterLinkActive],
  templateUrl: './app.component.html',
  styleUrl: './app.component.css',
})
export class AppComponent {
  protected readonly productName = PRODUCT_NAME;
}
