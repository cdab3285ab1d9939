import dagre from '@dagrejs/dagre';
import { Background, Controls, type Edge, MarkerType, type Node, Position, ReactFlow } from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import { useMemo } from 'react';
import { type CareerPath, type CareerStep, money, STEP_TYPES } from './queries.ts';

const NODE_WIDTH = 210;
const NODE_HEIGHT = 54;
const COLORS: Record<CareerStep['type'], string> = { ADVANCE: '#2e7d32', LATERAL: '#1565c0', SPECIALIZE: '#8e24aa' };

/** Lays the steps of every path out left to right with dagre, one node per occupation or specialization. */
function layout(paths: readonly CareerPath[], selected: string | null) {
  const graph = new dagre.graphlib.Graph();
  graph.setGraph({ rankdir: 'LR', nodesep: 24, ranksep: 90 });
  graph.setDefaultEdgeLabel(() => ({}));
  const names = new Map<string, { name: string; kind: string; start: boolean }>();
  const steps = new Map<string, CareerStep>();
  for (const path of paths) {
    for (const step of path.steps) {
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
        fontSize: 12,
        borderColor: n.start ? '#f57c00' : n.kind === 'SPECIALIZATION' ? COLORS.SPECIALIZE : '#607d8b',
        borderWidth: n.start ? 2 : 1,
      },
    };
  });
  const edges: Edge[] = [...steps.values()].map((step) => ({
    id: step.relationId,
    source: step.from.id,
    target: step.to.id,
    label: `${STEP_TYPES[step.type]}${step.wageChange !== null ? ` ${money(step.wageChange, true)}` : ''}`,
    labelStyle: { fontSize: 11 },
    animated: step.relationId === selected,
    style: { stroke: COLORS[step.type], strokeWidth: step.relationId === selected ? 3 : 1.5 },
    markerEnd: { type: MarkerType.ArrowClosed, color: COLORS[step.type] },
    ariaLabel: `${step.from.name} to ${step.to.name}`,
  }));
  return { nodes, edges, steps };
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
  const { nodes, edges, steps } = useMemo(() => layout(paths, selected), [paths, selected]);
  return (
    <div style={{ height: 420, border: '1px solid #e0e0e0', borderRadius: 4 }} data-testid="ladder-graph">
      <ReactFlow
        nodes={nodes}
        edges={edges}
        fitView
        nodesConnectable={false}
        onEdgeClick={(_, edge) => {
          const step = steps.get(edge.id);
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
