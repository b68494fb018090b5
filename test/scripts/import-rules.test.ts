import { describe, expect, it } from 'vitest';
import { checkImports, importsOf } from '../../scripts/import-rules';

const check = (path: string, source: string) => checkImports([{ path, source }]).map((v) => v.rule);

describe('import rules of ARCHITECTURE.md', () => {
  it('finds static, type-only, re-export, dynamic and require imports', () => {
    const src = `import a from 'x';\nimport type { B } from "./b";\nexport * from './c';\nconst d = await import('d');\nconst e = require('e');\n// import nope from 'comment';`;
    expect(importsOf(src).map((i) => i.specifier)).toEqual(['x', './b', './c', 'd', 'e']);
  });

  it('refuses electron outside electron/', () => {
    expect(check('core/lobby.ts', `import { app } from 'electron';`)).toHaveLength(1);
    expect(check('electron/main.ts', `import { app } from 'electron';`)).toHaveLength(0);
  });

  it('keeps the renderer to renderer/ and core/contract, without Node', () => {
    expect(check('renderer/apps/kiosk/Kiosk.tsx', `import { readFileSync } from 'node:fs';`)).toHaveLength(1);
    expect(check('renderer/apps/kiosk/Kiosk.tsx', `import { createQueue } from '../../../core/domain/queue/queue';`)).toHaveLength(1);
    expect(check('renderer/apps/kiosk/Kiosk.tsx', `import { API } from '../../../core/contract';`)).toHaveLength(0);
    expect(check('renderer/apps/kiosk/Kiosk.tsx', `import { create } from 'zustand';`)).toHaveLength(0);
  });

  it('keeps hardware/ free of the core, and drivers to their device and transports', () => {
    expect(check('hardware/printer/simulated.ts', `import { DomainError } from '../../core/domain/errors';`)).toHaveLength(1);
    expect(check('hardware/printer/drivers/escpos.ts', `import type { TicketPrinter } from '../types';`)).toHaveLength(0);
    expect(check('hardware/printer/drivers/escpos.ts', `import { tcp } from '../../transports/tcp';`)).toHaveLength(0);
    expect(check('hardware/printer/drivers/escpos.ts', `import { SimulatedPrinter } from '../simulated';`)).toHaveLength(1);
    expect(check('hardware/printer/drivers/escpos.ts', `import { x } from '../../sign/types';`)).toHaveLength(1);
  });

  it('keeps the domain off http, devices and hardware, and the contract to zod', () => {
    expect(check('core/domain/queue/queue.ts', `import { buildServer } from '../../http/server';`)).toHaveLength(1);
    expect(check('core/domain/queue/queue.ts', `import { createPrinter } from '../../../hardware/printer';`)).toHaveLength(1);
    expect(check('core/domain/queue/queue.ts', `import { inTransaction } from '../../store/db';`)).toHaveLength(0);
    expect(check('core/contract/dto.ts', `import { z } from 'zod';`)).toHaveLength(0);
    expect(check('core/contract/dto.ts', `import Fastify from 'fastify';`)).toHaveLength(1);
    expect(check('core/http/routes/public.ts', `import { createPrinter } from '../../../hardware/printer';`)).toHaveLength(1);
  });

  it('lets the site schema gather each device section from hardware/<device>/config, and nothing else of hardware/', () => {
    expect(check('core/config/schema.ts', `import { printerConfigSchema } from '../../hardware/printer/config';`)).toHaveLength(0);
    expect(check('core/config/schema.ts', `import { createPrinter } from '../../hardware/printer';`)).toHaveLength(1);
    expect(check('core/config/schema.ts', `import { x } from '../../hardware/printer/drivers/escpos';`)).toHaveLength(1);
  });
});
