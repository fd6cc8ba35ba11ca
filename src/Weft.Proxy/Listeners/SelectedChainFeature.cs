namespace Weft.Proxy.Listeners;

/// <summary>Which filter chain a connection was given; its requests are routed by that chain's table.</summary>
internal sealed class SelectedChainFeature(string chainName)
{
    public string ChainName { get; } = chainName;
}
