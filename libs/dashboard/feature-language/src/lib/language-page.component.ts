import { ChangeDetectionStrategy, Component, computed, inject, type OnInit } from '@angular/core';
import { decodingModelOf, isBuilding, LanguageStore } from '@tnt/dashboard/data-access-language';
import { API_DOMAIN_TEXT_NAME, type LanguageModelState, type LanguageTextField } from '@tnt/protocol';

/** What the page calls each state of the model. */
const STATE_LABELS: Readonly<Record<LanguageModelState, string>> = {
  generic: 'Generic model',
  building: 'Building',
  'in-use': 'In use',
  failed: 'Build failed',
};

/** A text of the form. */
interface TextField {
  readonly name: LanguageTextField;
  readonly label: string;
  readonly rows: number;
  readonly hint: string;
}

/**
 * The supervisors' Language page (`/language`): which language model decodes new calls, how its
 * latest build went (state, domain weight, sentences, the words added to the dictionary, the error
 * naming the line), and the domain text and vocabulary to replace it with. A save the server refuses
 * shows its message (naming the line) beside the text at fault, and the model in use stays; a save
 * it takes is built on the server, and the page reads the status every few seconds until the new
 * model is in use or its build failed.
 */
@Component({
  selector: 'tnt-language-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './language-page.component.html',
  styleUrl: './language-page.component.css',
  providers: [LanguageStore],
})
export class LanguagePageComponent implements OnInit {
  private readonly store = inject(LanguageStore);
  protected readonly state = this.store.state;
  protected readonly stateLabels = STATE_LABELS;
  protected readonly building = computed(() => isBuilding(this.state()));
  /** Which model decodes calls that start now. */
  protected readonly decoding = computed(() => {
    const model = this.state().model;
    return model ? decodingModelOf(model) : undefined;
  });
  /** Where the texts of the latest build came from: the start files, or a save here or through the API. */
  protected readonly source = computed(() => {
    const model = this.state().model;
    if (!model?.domainTextFile) return undefined;
    if (model.domainTextFile === API_DOMAIN_TEXT_NAME) return 'saved on this page or through PUT /api/language';
    return model.vocabularyFile ? `${model.domainTextFile} and ${model.vocabularyFile}` : model.domainTextFile;
  });
  /** The refusal, when it names no text of the form. */
  protected readonly pageRefusal = computed(() => {
    const refusal = this.state().refusal;
    return refusal && !refusal.field ? refusal.message : undefined;
  });
  protected readonly textFields: readonly TextField[] = [
    {
      name: 'domainText',
      label: 'Domain text',
      rows: 10,
      hint: 'Sentences typical of the calls, one a line; numbers spelled as words ("four five" for 45).',
    },
    {
      name: 'vocabulary',
      label: 'Vocabulary',
      rows: 5,
      hint: 'A word or phrase a line; a word may be followed by two spaces and its phones (zyxel  Z AY K S EH L).',
    },
  ];

  ngOnInit(): void {
    void this.store.load();
  }

  protected change(field: LanguageTextField, event: Event): void {
    this.store.change(field, (event.target as HTMLTextAreaElement).value);
  }

  protected submit(event: Event): void {
    event.preventDefault();
    void this.store.save();
  }
}
