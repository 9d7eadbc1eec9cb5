/** The lib/http door: what pages, components and routes may import (plain values and functions, safe anywhere). */

export { csvDownload, fileDownload } from "./routes";
