// The console's navigation, who is signed in and the operator-only controls (.rs-change) for the pages that draw
// their content with console-api.js.
'use strict';
document.addEventListener('DOMContentLoaded', () => RS.start(() => {}));
