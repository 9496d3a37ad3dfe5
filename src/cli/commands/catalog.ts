import { createColors } from 'picocolors';
import { loadConfig } from '../../config/config.js';
import { loadCheckCatalogue } from '../../core/catalogue.js';
import { loadFramework, type FrameworkId } from '../../core/frameworks.js';
import { colourEnabled, type CliIO } from '../io.js';
import { pluginSources, type PluginFlags } from '../plugins.js';

export interface CatalogFlags extends PluginFlags {
  json?: boolean;
  config?: string;
  framework?: FrameworkId;
}

/** The built-in checks and the user's: those of the config's `plugins:` and of the flags. */
function catalogue(flags: CatalogFlags, io: CliIO) {
  const { config } = loadConfig(flags.config, io.cwd);
  return loadCheckCatalogue(pluginSources(config, flags, io.cwd));
}

/** `annexa checks`: every check, its severity and the controls it evidences. */
export async function checksCommand(flags: CatalogFlags, io: CliIO): Promise<void> {
  const { checks, mapping: mapping2022 } = await catalogue(flags, io);
  const { mapping } = loadFramework(flags.framework ?? 'iso27001-2022', mapping2022);
  const rows = checks.map(({ meta }) => ({
    id: meta.id,
    title: meta.title,
    provider: meta.provider,
    severity: meta.severity,
    description: meta.description,
    remediation: meta.remediation,
    settings: meta.settings ?? {},
    controls: mapping[meta.id] ?? [],
  }));
  if (flags.json) {
    io.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
    return;
  }
  const c = createColors(colourEnabled(io));
  const width = Math.max(...rows.map((r) => r.id.length), 10);
  io.stdout.write(`${c.bold(`${'CHECK'.padEnd(width)}  SEVERITY  CONTROLS`)}\n`);
  for (const r of rows)
    io.stdout.write(
      `${r.id.padEnd(width)}  ${r.severity.padEnd(8)}  ${r.controls.map((l) => l.control).join(', ')}\n${''.padEnd(width + 2)}${c.dim(r.title)}\n`,
    );
  io.stdout.write(c.dim(`${rows.length} checks\n`));
}

/** `annexa controls`: the controls of a framework (93 of Annex A 2022), the checks covering each, and those that stay manual. */
export async function controlsCommand(flags: CatalogFlags, io: CliIO): Promise<void> {
  const { mapping: mapping2022 } = await catalogue(flags, io);
  const { catalog, mapping } = loadFramework(flags.framework ?? 'iso27001-2022', mapping2022);
  const checksOf = new Map<string, string[]>();
  for (const [checkId, links] of Object.entries(mapping))
    for (const l of links) checksOf.set(l.control, [...(checksOf.get(l.control) ?? []), checkId]);
  // The Statement of Applicability names Annex A 2022 controls; other frameworks' ids never match it.
  const excluded = new Map(
    (loadConfig(flags.config, io.cwd).config.applicability?.excluded ?? []).map((e) => [e.control, e.justification]),
  );
  const rows = catalog.map((ctl) => {
    const checks = (checksOf.get(ctl.id) ?? []).sort();
    const justification = excluded.get(ctl.id);
    return { ...ctl, checks, coverage: checks.length ? 'automated' : 'manual', ...(justification ? { exclusion: { justification } } : {}) };
  });
  if (flags.json) {
    io.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
    return;
  }
  const c = createColors(colourEnabled(io));
  const width = Math.max(...rows.map((r) => r.id.length)) + 1;
  for (const r of rows) {
    const tag = r.exclusion ? c.yellow('excluded ') : r.checks.length ? c.green('automated') : c.dim('manual   ');
    const indent = ''.padEnd(width + 12);
    const why = r.exclusion ? c.dim(`\n${indent}not applicable: ${r.exclusion.justification}`) : '';
    io.stdout.write(`${r.id.padEnd(width)} ${tag}  ${r.title}${r.checks.length ? c.dim(`\n${indent}${r.checks.join(', ')}`) : ''}${why}\n`);
  }
  const automated = rows.filter((r) => r.checks.length).length;
  io.stdout.write(
    c.dim(
      `${rows.length} controls: ${automated} with automated checks, ${rows.length - automated} manual only${excluded.size ? `; ${excluded.size} excluded by the Statement of Applicability` : ''}\n`,
    ),
  );
}
