namespace Weft.Proxy.Pipeline;

/// <summary>
/// One small step of the request pipeline. A stage either passes the context on (returning the
/// next stage's task, no await on pass-through) or finishes the request itself.
/// </summary>
public interface IProxyStage
{
    ValueTask InvokeAsync(ProxyContext ctx);
}
