import dagre from '@dagrejs/dagre';
import { Background, Controls, type Edge, MarkerType, type Node, Position, ReactFlow } from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import { useMemo } from 'react';
import type { CareerPath, CareerStep } from './queries.ts';

// Narrow boxes and short gaps: a ladder three steps deep fits the panel at a zoom that keeps labels readable.
const NODE_WIDTH = 160;
const NODE_HEIGHT = 66;
/** Below this zoom the 14 px labels get too small to read: the graph pans instead. */
const MIN_ZOOM = 0.8;
/** Ten distinguishable colours (Tableau 10), one per path. */
export const PATH_COLORS = [
  '#4e79a7',
  '#f28e2b',
  '#e15759',
  '#76b7b2',
  '#59a14f',
  '#edc948',
  '#b07aa1',
  '#ff9da7',
  '#9c755f',
  '#5f5f5f',
];
/** The kind of step reads from the line: solid to advance, dashed for a lateral move, dotted to specialize. */
const DASHES: Record<CareerStep['type'], string | undefined> = {
  ADVANCE: undefined,
  LATERAL: '8 5',
  SPECIALIZE: '2 4',
};

/** Lays the steps of every path out left to right with dagre, one node per occupation or specialization. */
function layout(paths: readonly CareerPath[], selected: string | null) {
  const graph = new dagre.graphlib.Graph();
  graph.setGraph({ rankdir: 'LR', nodesep: 20, ranksep: 44 });
  graph.setDefaultEdgeLabel(() => ({}));
  const names = new Map<string, { name: string; kind: string; start: boolean }>();
  const steps = new Map<string, CareerStep>();
  const pathOf = new Map<string, number>();
  for (const [p, path] of paths.entries()) {
    for (const step of path.steps) {
      if (!pathOf.has(step.relationId)) pathOf.set(step.relationId, p);
      if (!names.has(step.from.id)) names.set(step.from.id, { ...step.from, start: names.size === 0 });
      if (!names.has(step.to.id)) names.set(step.to.id, { ...step.to, start: false });
      steps.set(step.relationId, step);
    }
  }
  for (const id of names.keys()) graph.setNode(id, { width: NODE_WIDTH, height: NODE_HEIGHT });
  for (const step of steps.values()) graph.setEdge(step.from.id, step.to.id);
  dagre.layout(graph);

  const nodes: Node[] = [...names].map(([id, n]) => {
    const { x, y } = graph.node(id);
    return {
      id,
      position: { x: x - NODE_WIDTH / 2, y: y - NODE_HEIGHT / 2 },
      data: { label: n.name },
      draggable: false,
      // left to right: steps leave a node on its right and arrive on the left
      sourcePosition: Position.Right,
      targetPosition: Position.Left,
      style: {
        width: NODE_WIDTH,
        height: NODE_HEIGHT,
        fontSize: 14,
        lineHeight: 1.2,
        display: 'flex',
        alignItems: 'center',
        justifyContent: 'center',
        cursor: 'pointer',
        borderColor: n.start ? '#f57c00' : '#607d8b',
        borderWidth: n.start ? 2 : 1,
      },
    };
  });
  const edges: Edge[] = [...steps.values()].map((step) => {
    const color = PATH_COLORS[(pathOf.get(step.relationId) ?? 0) % PATH_COLORS.length];
    const isSelected = step.relationId === selected;
    return {
      id: step.relationId,
      source: step.from.id,
      target: step.to.id,
      // no labels on the lines: between boxes this close they would cover the boxes; the selected step's type and
      // pay are in its details beside the graph
      animated: isSelected,
      style: { stroke: color, strokeWidth: isSelected ? 4 : 2.5, strokeDasharray: DASHES[step.type] },
      markerEnd: { type: MarkerType.ArrowClosed, color },
      ariaLabel: `${step.from.name} to ${step.to.name}`,
    };
  });
  return { nodes, edges, steps, height: graph.graph().height ?? 0 };
}

/** The ladder as a graph; clicking a step selects it. */
export function LadderGraph({
  paths,
  selected,
  onSelect,
}: {
  paths: readonly CareerPath[];
  selected: string | null;
  onSelect: (step: CareerStep) => void;
}) {
  const { nodes, edges, steps, height } = useMemo(() => layout(paths, selected), [paths, selected]);
  // as tall as the ladder at a readable zoom, within what a window shows beside the paths
  const panelHeight = Math.min(Math.max(height * MIN_ZOOM + 60, 320), 720);
  // a box selects the best path's step that reaches it (the start: the first step that leaves it)
  const stepTo = (id: string) => {
    for (const path of paths) {
      const step = path.steps.find((s) => s.to.id === id) ?? path.steps.find((s) => s.from.id === id);
      if (step) return step;
    }
    return undefined;
  };
  return (
    <div style={{ height: panelHeight, border: '1px solid #e0e0e0', borderRadius: 4 }} data-testid="ladder-graph">
      <ReactFlow
        nodes={nodes}
        edges={edges}
        fitView
        fitViewOptions={{ padding: 0.06, minZoom: MIN_ZOOM, maxZoom: 1.2 }}
        minZoom={0.3}
        nodesConnectable={false}
        onEdgeClick={(_, edge) => {
          const step = steps.get(edge.id);
          if (step) onSelect(step);
        }}
        onNodeClick={(_, node) => {
          const step = stepTo(node.id);
          if (step) onSelect(step);
        }}
        proOptions={{ hideAttribution: true }}
      >
        <Background />
        <Controls showInteractive={false} />
      </ReactFlow>
    </div>
  );
}
