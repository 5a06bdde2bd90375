/** Left in the fixture repository by the first run of the window-reload test (see its file). */
export const RELOAD_MARKER = '.git/aiprov-test-reload-marker.json';
