// End-to-end flows of the board, the grid and time: the release build in headless Chromium.
import { test } from 'node:test';
import assert from 'node:assert/strict';

import { openPlayground, useHarness } from './lib/harness.mjs';

useHarness();

// The manifest of the tutorial in the seeds: fluentd in the logging namespace, no tolerations.
const SEED_FLUENTD = `apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: fluentd
  namespace: logging
  labels:
    app: fluentd-logging
spec:
  selector:
    matchLabels:
      name: fluentd
  template:
    metadata:
      labels:
        name: fluentd
    spec:
      containers:
      - name: fluentd-elasticsearch
        image: quay.io/fluentd_elasticsearch/fluentd:v2.5.2
        resources:
          limits:
            memory: 200Mi
          requests:
            cpu: 100m
            memory: 200Mi
      terminationGracePeriodSeconds: 30
`;

test('a seed manifest lands on the workers, and the inspector says why not on the control plane', async (t) => {
  const { pg, external } = await openPlayground(t);
  await pg.runCommand('kubectl create ns logging');
  await pg.editor.fill(SEED_FLUENTD);
  await pg.apply();
  assert.match(await pg.applyOutput.textContent(), /daemonset.apps\/fluentd created/);

  const pods = await pg.podsOn('worker-1');
  assert.equal(pods.length, 1);
  assert.match(pods[0], /^Pod fluentd-[a-z0-9]{5} on worker-1: ContainerCreating, not ready, revision 1$/);
  assert.deepEqual(await pg.podsOn('control-plane'), []);

  await pg.selectNode('control-plane');
  const reason = pg.page.locator('.placements li');
  assert.match(
    await reason.textContent(),
    /logging\/fluentd: not eligible for a new pod: taint node-role.kubernetes.io\/control-plane:NoSchedule is not tolerated \(a running pod may stay\)/,
  );
  await pg.playToEnd();
  assert.deepEqual(await pg.grid(), {
    'control-plane': [],
    'worker-1': ['available r1'],
    'worker-2': ['available r1'],
  });
  assert.match(await pg.rolloutStatus(), /daemon set "fluentd" successfully rolled out/);
  await pg.screenshot('seed-fluentd');
  assert.deepEqual(external, []);
  assert.deepEqual(pg.errors, []);
});

test('tainting a node on the board evicts its pod', async (t) => {
  const { pg } = await openPlayground(t);
  await pg.apply();
  await pg.playToEnd();
  await pg.selectNode('worker-2');
  await pg.page.getByRole('textbox', { name: 'Taint key' }).fill('app');
  await pg.page.getByRole('textbox', { name: 'Taint value' }).fill('fluentd-logging');
  await pg.page.getByRole('combobox', { name: 'Taint effect' }).selectOption('NoExecute');
  await pg.page.getByRole('button', { name: 'Add taint' }).click();

  // The console shows the command the board ran.
  await pg.scrollback.getByText('$ kubectl taint node worker-2 app=fluentd-logging:NoExecute --overwrite').waitFor();
  assert.match((await pg.podsOn('worker-2'))[0], /: Terminating/);
  await pg.playToEnd();
  assert.deepEqual(await pg.podsOn('worker-2'), []);
  assert.match(
    await pg.page.locator('.placements li').textContent(),
    /not eligible: taint app=fluentd-logging:NoExecute is not tolerated/,
  );
  await pg.screenshot('taint-evicts');
  assert.deepEqual(pg.errors, []);
});

test('a rolling update steps node by node, and rolls back', async (t) => {
  const { pg } = await openPlayground(t);
  await pg.loadExample('rolling-update');
  await pg.page.locator('.example-note strong', { hasText: 'Rolling update, one node at a time' }).waitFor();
  // Right after `kubectl set image`: the controller has taken down one old pod (maxUnavailable 1).
  const start = await pg.grid();
  assert.deepEqual(Object.values(start).flat().sort(), [...Array(4).fill('available r1'), 'terminating r1']);

  // Step through: maxUnavailable 1 means at most one node is without an available pod.
  const seen = [];
  for (let i = 0; i < 200; i++) {
    const grid = await pg.grid();
    seen.push(grid);
    const pods = Object.values(grid);
    const unavailable = pods.filter((p) => !p.some((s) => s.startsWith('available'))).length;
    assert.ok(unavailable <= 1, `more than maxUnavailable down at step ${i}: ${JSON.stringify(grid)}`);
    if (pods.every((p) => p.length === 1 && p[0] === 'available r2')) break;
    if (!(await pg.page.getByRole('button', { name: 'Step forward' }).isEnabled())) break;
    await pg.step();
  }
  assert.deepEqual(Object.values(seen.at(-1)).flat(), Array(5).fill('available r2'), 'converged on revision 2');
  assert.ok(seen.some((g) => Object.values(g).flat().includes('terminating r1')), 'old pods were seen terminating');
  assert.match(await pg.rolloutStatus(), /successfully rolled out/);

  // Step back twice and forward again: the same grids.
  const end = seen.at(-1);
  await pg.stepBack();
  await pg.stepBack();
  assert.notDeepEqual(await pg.grid(), end);
  await pg.step();
  await pg.step();
  assert.deepEqual(await pg.grid(), end);
  await pg.screenshot('rolling-update');

  // Roll back from the Revisions panel.
  await pg.page.getByRole('button', { name: 'Diff with current' }).click();
  const diff = await pg.page.getByLabel('Pod template diff').textContent();
  assert.match(diff, /- +Image:\s+registry.example\/agent:1.0/);
  assert.match(diff, /\+ +Image:\s+registry.example\/agent:2.0/);
  await pg.page.getByRole('button', { name: 'Roll back to 1' }).click();
  await pg.scrollback.getByText('daemonset.apps/agent rolled back').waitFor();
  await pg.playToEnd();
  assert.deepEqual(Object.values(await pg.grid()).flat(), Array(5).fill('available r3'));
  assert.deepEqual(pg.errors, []);
});

test('a reload restores the cluster, the time and the selection-free view exactly', async (t) => {
  const { pg } = await openPlayground(t);
  await pg.loadExample('stuck-image');
  await pg.step();
  await pg.step();
  await pg.step();
  const grid = await pg.grid();
  const clock = await pg.clock();
  const status = await pg.rolloutStatus();
  await pg.reload();
  assert.deepEqual(await pg.grid(), grid);
  assert.equal(await pg.clock(), clock);
  assert.equal(await pg.rolloutStatus(), status);
  assert.equal(await pg.editor.inputValue(), (await pg.editor.inputValue()));
  await pg.page.locator('.example-note strong', { hasText: 'Stuck: a new image that never gets ready' }).waitFor();
  assert.deepEqual(pg.errors, []);
});

test('every example of the gallery loads and its pods land', async (t) => {
  const { pg } = await openPlayground(t);
  const ids = await pg.page
    .getByRole('combobox', { name: 'Load an example' })
    .locator('option')
    .evaluateAll((os) => os.map((o) => o.value).filter(Boolean));
  assert.ok(ids.length >= 8, `${ids.length} examples`);
  for (const id of ids) {
    await pg.loadExample(id);
    await pg.page.locator('.example-note').waitFor();
    const pods = Object.values(await pg.grid()).flat();
    assert.ok(pods.length > 0, `${id}: no pods`);
    assert.doesNotMatch(await pg.applyOutput.textContent(), /error|invalid/i, id);
  }
  await pg.loadExample('gpu-pool');
  await pg.playToEnd();
  assert.deepEqual(
    Object.entries(await pg.grid()).filter(([, p]) => p.length).map(([n]) => n),
    ['gpu-1', 'gpu-2'],
  );
  await pg.selectNode('gpu-3');
  assert.match(await pg.page.locator('.placements li').textContent(), /not eligible: required node affinity/);
  await pg.screenshot('gallery-gpu');
  assert.deepEqual(pg.errors, []);
});

test('keyboard: Space plays, arrows step, and every pod has an accessible name', async (t) => {
  const { pg } = await openPlayground(t);
  await pg.apply();
  await pg.page.locator('h1').click();
  const before = await pg.clock();
  await pg.page.keyboard.press('ArrowRight');
  assert.notEqual(await pg.clockOnce(before, false), before);
  await pg.page.keyboard.press('ArrowLeft');
  assert.equal(await pg.clockOnce(before), before);
  await pg.page.keyboard.press('Space');
  await pg.page.getByRole('button', { name: 'Pause' }).waitFor();
  const names = await pg.page.locator('.pod:not(.swatch)').evaluateAll((ps) => ps.map((p) => p.getAttribute('aria-label')));
  assert.equal(names.length, 3);
  for (const n of names) assert.match(n, /^Pod fluentd-[a-z0-9]{5} on [a-z0-9-]+: \w+/);
  assert.deepEqual(pg.errors, []);
});

test('a pool of 1,000 nodes switches the board to dense cells that keep their names', async (t) => {
  const { pg } = await openPlayground(t);
  await pg.page.getByText('Add a pool of nodes').click();
  await pg.page.getByRole('spinbutton', { name: 'Nodes' }).fill('1000');
  await pg.page.getByRole('button', { name: 'Add pool' }).click();
  await pg.page.locator('ul.nodes.cells').waitFor();
  await pg.apply();
  await pg.playToEnd(60000);
  assert.equal(await pg.page.locator('li.node').count(), 1003);
  const tile = pg.page.getByRole('button', { name: /^Node pool-500: Ready, 1 daemon pod$/ });
  assert.equal(await tile.count(), 1);
  // A cell is its node's button alone: the pods are named in its description.
  assert.match(await pg.accessibleDescription(tile), /^Pod fluentd-[a-z0-9]{5} on pool-500: Running, ready, available, revision 1$/);
  assert.equal(await pg.node('pool-500').locator('.pod').count(), 0);
  // Its title (the tooltip) says the same, once the pointer is over it.
  await tile.hover();
  assert.match(await tile.getAttribute('title'), /^Node pool-500: Ready, 1 daemon pod\nPod fluentd-[a-z0-9]{5} on pool-500: Running, ready, available, revision 1$/);
  // The pods' colours are painted on a canvas over the cells: --pod-available is #1a7f37.
  assert.deepEqual(await pg.cellColour('pool-500'), [0x1a, 0x7f, 0x37, 255]);
  await pg.runCommand('kubectl taint nodes pool-7 dedicated=x:NoExecute');
  await pg.runCommand('sleep 1m');
  await pg.page.getByRole('button', { name: /^Node pool-7: Ready, no daemon pods$/ }).waitFor();
  assert.deepEqual(await pg.cellColour('pool-7'), [0, 0, 0, 0], 'a node without a pod shows no colour');
  assert.deepEqual(await pg.cellColour('pool-8'), [0x1a, 0x7f, 0x37, 255]);
  // A surge: the old pod on the left half of the cell, the new one (#54aeff while its
  // containers are created) on the right.
  await pg.runCommand(`kubectl patch ds fluentd -n kube-system --type merge -p '{"spec":{"updateStrategy":{"rollingUpdate":{"maxSurge":"100%","maxUnavailable":0}}}}'`);
  await pg.runCommand('kubectl set image ds/fluentd -n kube-system fluentd=fluent/fluentd:v2');
  await pg.page.getByRole('button', { name: /^Node pool-500: Ready, 2 daemon pods$/ }).waitFor();
  assert.deepEqual(await pg.cellColour('pool-500', 0.75), [0x54, 0xae, 0xff, 255]);
  assert.notDeepEqual(await pg.cellColour('pool-500', 0.25), [0x54, 0xae, 0xff, 255]);
  // A narrower window reflows the cells: the canvas is painted again to match.
  await pg.page.setViewportSize({ width: 900, height: 900 });
  await pg.page.waitForFunction(() => {
    const c = document.querySelector('.cells-wrap canvas');
    return c && Math.abs(c.getBoundingClientRect().width - document.querySelector('.cells-wrap ul').offsetWidth) < 1;
  });
  assert.deepEqual(await pg.cellColour('pool-500', 0.75), [0x54, 0xae, 0xff, 255]);
  assert.deepEqual(await pg.cellColour('pool-7'), [0, 0, 0, 0]);
  await pg.page.setViewportSize({ width: 1280, height: 900 });
  await pg.screenshot('dense-1000');
  assert.deepEqual(pg.errors, []);
});

test('the theme menu overrides the system theme, editor colours included', async (t) => {
  const { pg } = await openPlayground(t, { colorScheme: 'light' });
  const colours = () =>
    pg.page.evaluate(() => [
      getComputedStyle(document.body).backgroundColor,
      getComputedStyle(document.querySelector('.y-key')).color,
    ]);
  const light = await colours();
  assert.deepEqual(light, ['rgb(246, 247, 249)', 'rgb(5, 80, 174)']);
  await pg.page.getByRole('combobox', { name: 'Theme' }).selectOption('dark');
  assert.deepEqual(await colours(), ['rgb(15, 17, 21)', 'rgb(121, 192, 255)']);
  await pg.reload();
  assert.deepEqual(await colours(), ['rgb(15, 17, 21)', 'rgb(121, 192, 255)'], 'the choice is kept');
  await pg.page.getByRole('combobox', { name: 'Theme' }).selectOption('system');
  assert.deepEqual(await colours(), light);
  assert.deepEqual(pg.errors, []);
});
