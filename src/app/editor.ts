/**
 * The scenario as YAML, in a CodeMirror editor: completion of field names and of enumerated
 * values from the model file's JSON Schema, and inline errors with the very messages
 * `caresim validate` prints (the page loads the text as the command line loads a file). An edit
 * here goes to the forms; a change in the forms is written here.
 *
 * (codemirror-json-schema would complete from the schema too, but it brings a syntax
 * highlighter of several megabytes and validates with its own messages; the completion needed
 * here is a walk up the indentation and a lookup: schemaLookup.ts.)
 */
import { basicSetup, EditorView } from 'codemirror';
import { yaml } from '@codemirror/lang-yaml';
import { linter, lintGutter, type Diagnostic } from '@codemirror/lint';
import type { CompletionContext, CompletionResult } from '@codemirror/autocomplete';
import { EditorState } from '@codemirror/state';
import type { ModelError } from '../lib/browser.ts';
import { choices, keysAt } from './schemaLookup.ts';
import { pathAbove } from './yamlPath.ts';

export interface ScenarioEditor {
  text(): string;
  /** Show text written by the forms (not passed back to onEdit). */
  setText(text: string): void;
}

function complete(ctx: CompletionContext): CompletionResult | null {
  const line = ctx.state.doc.lineAt(ctx.pos);
  const before = line.text.slice(0, ctx.pos - line.from);
  const above = ctx.state.doc.sliceString(0, line.from).split('\n').slice(0, -1);
  // A value after "key: ": the field's choices.
  const value = /^(\s*)(-\s+)?([\w$-]+):\s+([\w-]*)$/.exec(before);
  if (value) {
    const indent = value[1]!.length + (value[2]?.length ?? 0);
    const path = [...pathAbove(above, indent), ...(value[2] ? [0] : []), value[3]!];
    const options = choices(path);
    if (options.length === 0) return null;
    return {
      from: ctx.pos - value[4]!.length,
      options: options.map((o) => ({ label: o, type: 'enum' })),
      validFor: /^[\w-]*$/,
    };
  }
  // A key at the start of a line: the keys its section may hold.
  const key = /^(\s*)(-\s+)?([\w$-]*)$/.exec(before);
  if (!key || (!ctx.explicit && key[3]!.length === 0)) return null;
  const indent = key[1]!.length + (key[2]?.length ?? 0);
  const path = [...pathAbove(above, indent), ...(key[2] ? [0] : [])];
  const keys = keysAt(path);
  if (keys.length === 0) return null;
  return {
    from: ctx.pos - key[3]!.length,
    options: keys.map((k) => ({
      label: k.key,
      type: 'property',
      apply: `${k.key}: `,
      ...(k.description ? { info: k.description } : {}),
    })),
    validFor: /^[\w$-]*$/,
  };
}

/**
 * An editor in `parent`.
 * @param check the problems of a text, as loading it as a scenario file finds them; `file` names the text
 * @param onEdit called with the text after the user changes it
 */
export function scenarioEditor(
  parent: HTMLElement,
  o: { file: string; check: (text: string) => ModelError[]; onEdit: (text: string) => void },
): ScenarioEditor {
  let fromForms = false;
  const lint = linter(
    (view) => {
      const doc = view.state.doc;
      return o.check(doc.toString()).map((e): Diagnostic => {
        const here = e.file === o.file && e.line !== undefined && e.line <= doc.lines;
        const line = doc.line(here ? e.line! : 1);
        const from = Math.min(line.to, line.from + (here && e.column ? e.column - 1 : 0));
        return {
          from,
          to: here ? line.to : from,
          severity: e.severity,
          // The message `caresim validate` prints: the field and what is wrong; a problem in
          // another file (the model this one extends) names that file.
          message: `${here ? '' : `${e.file}${e.line ? `:${e.line}` : ''}: `}${e.field ? `${e.field}: ` : ''}${e.message}`,
        };
      });
    },
    { delay: 400 },
  );
  const view = new EditorView({
    parent,
    state: EditorState.create({
      doc: '',
      extensions: [
        basicSetup,
        yaml(),
        EditorView.lineWrapping,
        lintGutter(),
        lint,
        EditorState.languageData.of(() => [{ autocomplete: complete }]),
        EditorView.contentAttributes.of({ 'aria-label': 'The scenario as a model file (YAML)' }),
        EditorView.updateListener.of((u) => {
          if (u.docChanged && !fromForms) o.onEdit(u.state.doc.toString());
        }),
      ],
    }),
  });
  return {
    text: () => view.state.doc.toString(),
    setText(text) {
      if (text === view.state.doc.toString()) return;
      fromForms = true;
      view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: text } });
      fromForms = false;
    },
  };
}
