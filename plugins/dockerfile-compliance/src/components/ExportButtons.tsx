/** Downloads the listed services (filtered and sorted as shown) as CSV or JSON, with their pull requests when the page shows them. */
import { Button, Flex } from '@backstage/ui';
import type { ServiceRow } from '../data/aggregate';
import { servicesCsv, servicesJson } from '../data/export';
import type { HardeningDisplay } from '../data/hardeningProgress';

function download(fileName: string, type: string, body: string): void {
  const url = URL.createObjectURL(new Blob([body], { type }));
  const anchor = document.createElement('a');
  anchor.href = url;
  anchor.download = fileName;
  document.body.appendChild(anchor);
  anchor.click();
  anchor.remove();
  // the download has started from the URL; free it once the browser has it
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function ExportButtons(props: { rows: ServiceRow[]; hardening?: ReadonlyMap<string, HardeningDisplay> }) {
  const day = new Date().toISOString().slice(0, 10);
  const disabled = props.rows.length === 0;
  return (
    <Flex gap="2" style={{ flexWrap: 'wrap' }}>
      <Button variant="secondary" size="small" isDisabled={disabled} onPress={() => download(`dockerfile-compliance-${day}.csv`, 'text/csv;charset=utf-8', servicesCsv(props.rows, props.hardening))}>
        Export CSV
      </Button>
      <Button variant="secondary" size="small" isDisabled={disabled} onPress={() => download(`dockerfile-compliance-${day}.json`, 'application/json', servicesJson(props.rows, props.hardening))}>
        Export JSON
      </Button>
    </Flex>
  );
}
