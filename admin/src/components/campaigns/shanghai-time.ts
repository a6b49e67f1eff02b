import dayjs, { type Dayjs } from "dayjs";
import { DISPLAY_TZ } from "../../providers/preferences";

/**
 * Campaign windows are picked on the Asia/Shanghai clock whatever the browser's zone: the picker shows
 * the wall-clock time in Shanghai (as a zone-less dayjs), and the value stored is the UTC instant.
 */
const WALL = "YYYY-MM-DDTHH:mm:ss";

export function toPickerValue(iso: string | null | undefined): Dayjs | null {
  return iso ? dayjs(dayjs(iso).tz(DISPLAY_TZ).format(WALL)) : null;
}

export function fromPickerValue(v: Dayjs | null | undefined): string | null {
  return v ? dayjs.tz(v.format(WALL), DISPLAY_TZ).toISOString() : null;
}

/** Form item props for a DatePicker bound to an ISO field. */
export const shanghaiTimeItem = {
  getValueProps: (v: string | null | undefined) => ({ value: toPickerValue(v) }),
  normalize: (v: Dayjs | null) => fromPickerValue(v),
};

/** The current time on the Shanghai clock, for a picker's default. */
export const shanghaiNow = () => dayjs(dayjs().tz(DISPLAY_TZ).format(WALL));
