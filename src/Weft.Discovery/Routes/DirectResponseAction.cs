namespace Weft.Discovery.Routes;

/// <summary>Istio directResponse: the proxy answers itself.</summary>
public sealed record DirectResponseAction
{
    public required int Status { get; init; }

    public string? Body { get; init; }
}
