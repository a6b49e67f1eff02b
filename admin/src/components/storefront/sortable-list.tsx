import type { CSSProperties, ReactNode } from "react";
import { useTranslate } from "@refinedev/core";
import { closestCenter, DndContext, KeyboardSensor, PointerSensor, useSensor, useSensors, type Announcements, type DragEndEvent, type Modifier, type UniqueIdentifier } from "@dnd-kit/core";
import { SortableContext, sortableKeyboardCoordinates, useSortable, verticalListSortingStrategy } from "@dnd-kit/sortable";
import { CSS } from "@dnd-kit/utilities";
import { HolderOutlined } from "@ant-design/icons";

/** Lists move up and down only (what @dnd-kit/modifiers' restrictToVerticalAxis does, in one line). */
const verticalOnly: Modifier = ({ transform }) => ({ ...transform, x: 0 });

export interface DragHandle {
  /** Spread on the element that starts a drag (a button: it takes focus, Space picks up, arrows move). */
  props: Record<string, unknown>;
  isDragging: boolean;
}

interface Props<T> {
  items: T[];
  idOf: (item: T) => UniqueIdentifier;
  /** Names an item in the screen reader's announcements. */
  nameOf: (item: T, index: number) => string;
  onMove: (from: number, to: number) => void;
  renderItem: (item: T, index: number, handle: DragHandle) => ReactNode;
  disabled?: boolean;
}

/**
 * A vertical list reordered by dragging a handle (pointer or keyboard, with dnd-kit), announcing each
 * step to screen readers in the console's language. Lists that use it also offer up/down buttons.
 *
 * Why @dnd-kit (core + sortable, ~15 kB gzipped): antd only drags inside its Tree (the category page),
 * and native HTML5 drag and drop has neither keyboard nor touch support. dnd-kit gives pointer, touch
 * and keyboard sensors with screen-reader announcements, and is what antd's own sortable-table
 * examples use.
 */
export function SortableList<T>({ items, idOf, nameOf, onMove, renderItem, disabled }: Props<T>) {
  const t = useTranslate();
  const sensors = useSensors(
    // A few pixels before a drag starts, so that a click on the handle stays a click.
    useSensor(PointerSensor, { activationConstraint: { distance: 4 } }),
    useSensor(KeyboardSensor, { coordinateGetter: sortableKeyboardCoordinates }),
  );
  const ids = items.map(idOf);
  const describe = (id: UniqueIdentifier | undefined) => {
    const i = ids.indexOf(id as UniqueIdentifier);
    return i < 0 ? "" : nameOf(items[i], i);
  };
  const position = (id: UniqueIdentifier | undefined) => ids.indexOf(id as UniqueIdentifier) + 1;
  const announcements: Announcements = {
    onDragStart: ({ active }) => t("storefront.drag.picked", { name: describe(active.id), n: position(active.id), total: ids.length }),
    onDragOver: ({ active, over }) => (over ? t("storefront.drag.over", { name: describe(active.id), n: position(over.id), total: ids.length }) : undefined),
    onDragEnd: ({ active, over }) => (over ? t("storefront.drag.dropped", { name: describe(active.id), n: position(over.id), total: ids.length }) : undefined),
    onDragCancel: ({ active }) => t("storefront.drag.cancelled", { name: describe(active.id) }),
  };

  const onDragEnd = ({ active, over }: DragEndEvent) => {
    if (!over || active.id === over.id) return;
    onMove(ids.indexOf(active.id), ids.indexOf(over.id));
  };

  return (
    <DndContext
      sensors={sensors}
      collisionDetection={closestCenter}
      modifiers={[verticalOnly]}
      onDragEnd={onDragEnd}
      accessibility={{ announcements, screenReaderInstructions: { draggable: t("storefront.drag.instructions") } }}
    >
      <SortableContext items={ids} strategy={verticalListSortingStrategy} disabled={disabled}>
        {items.map((item, i) => (
          <SortableRow key={ids[i]} id={ids[i]}>
            {(handle) => renderItem(item, i, handle)}
          </SortableRow>
        ))}
      </SortableContext>
    </DndContext>
  );
}

function SortableRow({ id, children }: { id: UniqueIdentifier; children: (handle: DragHandle) => ReactNode }) {
  const { attributes, listeners, setNodeRef, setActivatorNodeRef, transform, transition, isDragging } = useSortable({ id });
  const style: CSSProperties = {
    transform: CSS.Translate.toString(transform),
    transition,
    position: "relative",
    zIndex: isDragging ? 10 : undefined,
    opacity: isDragging ? 0.85 : undefined,
  };
  return (
    <div ref={setNodeRef} style={style} data-sortable-id={id}>
      {children({ props: { ...attributes, ...listeners, ref: setActivatorNodeRef }, isDragging })}
    </div>
  );
}

/** The grip a drag starts from: a real button, so it is reachable with Tab. */
export function DragGrip({ handle, label, disabled }: { handle: DragHandle; label: string; disabled?: boolean }) {
  if (disabled) return null;
  return (
    <button
      type="button"
      {...handle.props}
      aria-label={label}
      title={label}
      style={{ border: 0, background: "none", padding: "4px 2px", cursor: handle.isDragging ? "grabbing" : "grab", color: "inherit", opacity: 0.55, touchAction: "none", lineHeight: 1 }}
    >
      <HolderOutlined />
    </button>
  );
}
