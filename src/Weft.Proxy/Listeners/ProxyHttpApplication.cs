using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Http.Features;
using Weft.Proxy.Pipeline;
using Weft.Proxy.Runtime;

namespace Weft.Proxy.Listeners;

/// <summary>
/// What Kestrel calls for each HTTP request of a listener: reads the current snapshot once
/// (the request keeps it to its end), finds the connection's chain, and runs the pipeline.
/// </summary>
internal sealed class ProxyHttpApplication(string socketKey, int port, ProxyRuntime runtime, TimeProvider time) : IHttpApplication<HttpContext>
{
    public HttpContext CreateContext(IFeatureCollection contextFeatures) => new DefaultHttpContext(contextFeatures);

    public Task ProcessRequestAsync(HttpContext context)
    {
        var snapshot = runtime.Current;
        if (snapshot?.Listeners.GetValueOrDefault(socketKey) is not { } listener)
        {
            context.Abort();
            return Task.CompletedTask;
        }
        var chainName = context.Features.Get<SelectedChainFeature>()?.ChainName;
        CompiledChain? chain = null;
        if (chainName is not null)
        {
            foreach (var c in listener.Chains)
                if (c.Http is not null && c.Name == chainName)
                    chain = c;
            if (chain is null && listener.Default is { Http: not null } d && d.Name == chainName)
                chain = d;
        }
        chain ??= listener.SelectHttp(port, "raw_buffer");
        if (chain is null)
        {
            context.Abort();
            return Task.CompletedTask;
        }
        var ctx = new ProxyContext(context, snapshot, listener, chain, time.GetTimestamp(), time.GetUtcNow());
        return snapshot.Pipeline.InvokeAsync(ctx).AsTask();
    }

    public void DisposeContext(HttpContext context, Exception? exception)
    {
    }
}
