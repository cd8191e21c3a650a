/**
 * GraphiQL, served by this server with every script and style from this server (no CDN):
 * users run it offline and behind firewalls. The assets come from the graphiql, react and
 * react-dom packages (see GRAPHIQL_ASSETS).
 */
export const GRAPHIQL_ASSETS: Record<string, { module: string; file: string; type: string }> = {
  'react.production.min.js': { module: 'react', file: 'umd/react.production.min.js', type: 'text/javascript' },
  'react-dom.production.min.js': { module: 'react-dom', file: 'umd/react-dom.production.min.js', type: 'text/javascript' },
  'graphiql.min.js': { module: 'graphiql', file: 'graphiql.min.js', type: 'text/javascript' },
  'graphiql.min.css': { module: 'graphiql', file: 'graphiql.min.css', type: 'text/css' },
};

export const GRAPHIQL_ASSET_PATH = '/graphiql';

export const EXAMPLE_QUERY = `# Who am I, and the first customers of my provider with their segments.
query Example {
  viewer {
    name
    roles
    provider { name }
  }
  customers(first: 5) {
    totalCount
    nodes {
      id
      name
      tier
      region
      segments(first: 3) { nodes { name } }
    }
    pageInfo { hasNextPage endCursor }
  }
}
`;

const WELCOME = `# Welcome to the SLA contracts API.
#
# 1. Open the Headers tab below and paste a token:
#      { "Authorization": "Bearer <token>" }
#    \`npm start\` prints a demo token for each role; \`npm run token\` mints one.
# 2. Load the example query with the link at the top of the page, then press Run.
#
# Explore the schema with the Docs button on the left.
# Subscriptions (incidentEvents, escalationEvents) run here too, over
# WebSocket with the same token: results stream in while they run.
`;

/** Shown in the Headers tab until the user pastes a token; never sent to the server. */
const TOKEN_PLACEHOLDER = 'Bearer <paste a token here>';

/** `subscriptions`: run subscription operations over WebSocket (graphql-ws) on the same endpoint. */
export function graphiqlPage(endpoint: string, options: { subscriptions?: boolean } = {}): string {
  const exampleHref = `${endpoint}?query=${encodeURIComponent(EXAMPLE_QUERY)}`;
  const asset = (name: string) => `${GRAPHIQL_ASSET_PATH}/${name}`;
  const config = JSON.stringify({
    endpoint,
    subscriptions: Boolean(options.subscriptions),
    welcome: WELCOME,
    placeholder: TOKEN_PLACEHOLDER,
    headers: JSON.stringify({ Authorization: TOKEN_PLACEHOLDER }, null, 2),
  }).replace(/</g, '\\u003c');
  return `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8" />
  <meta name="viewport" content="width=device-width, initial-scale=1" />
  <title>SLA contracts API · GraphiQL</title>
  <link rel="stylesheet" href="${asset('graphiql.min.css')}" />
  <style>
    html, body { height: 100%; margin: 0; font-family: system-ui, sans-serif; }
    body { display: flex; flex-direction: column; }
    #banner { padding: 6px 12px; font-size: 13px; background: #0b3d5c; color: #fff; }
    #banner a { color: #ffd479; }
    #graphiql { flex: 1; min-height: 0; }
  </style>
</head>
<body>
  <div id="banner">SLA contracts API. Paste a token in the Headers tab, then try the
    <a id="example-link" href="${exampleHref}">example query</a>.</div>
  <div id="graphiql">Loading GraphiQL…</div>
  <script src="${asset('react.production.min.js')}"></script>
  <script src="${asset('react-dom.production.min.js')}"></script>
  <script src="${asset('graphiql.min.js')}"></script>
  <script>
    (function () {
      var config = ${config};
      var params = new URLSearchParams(window.location.search);
      var wsUrl = (window.location.protocol === 'https:' ? 'wss://' : 'ws://') + window.location.host + config.endpoint;
      // Subscriptions go over WebSocket; GraphiQL sends the Headers tab as connectionParams.
      var send = GraphiQL.createFetcher(config.subscriptions ? { url: config.endpoint, subscriptionUrl: wsUrl } : { url: config.endpoint });
      // Until a token is pasted, send no Authorization header rather than the placeholder, so
      // that the schema (open to all) loads for the Docs explorer and autocompletion.
      var fetcher = function (graphQLParams, opts) {
        var headers = Object.assign({}, opts && opts.headers);
        Object.keys(headers).forEach(function (name) {
          if (name.toLowerCase() === 'authorization' && headers[name] === config.placeholder) delete headers[name];
        });
        return send(graphQLParams, Object.assign({}, opts, { headers: headers }));
      };
      var props = {
        fetcher: fetcher,
        // Ask for the schema's description too: the Docs explorer opens with that guide.
        schemaDescription: true,
        defaultQuery: config.welcome,
        defaultHeaders: config.headers,
        headerEditorEnabled: true,
        shouldPersistHeaders: true,
        defaultEditorToolsVisibility: 'headers',
        onEditQuery: function (q) {
          var url = new URL(window.location.href);
          url.searchParams.set('query', q);
          window.history.replaceState(null, '', url);
        },
      };
      if (params.get('query')) props.query = params.get('query');
      ReactDOM.createRoot(document.getElementById('graphiql')).render(React.createElement(GraphiQL, props));
    })();
  </script>
</body>
</html>`;
}
