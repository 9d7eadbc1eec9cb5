/** The lib/calendar door: what pages, components and routes may import (plain values and functions, safe anywhere). */

export { londonDate, londonToday } from "./london";
