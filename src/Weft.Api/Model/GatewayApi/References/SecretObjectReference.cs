namespace Weft.Api.Model.GatewayApi;

/// <summary>A reference to a Secret by default (group "" and kind Secret), possibly in another namespace.</summary>
public sealed record SecretObjectReference
{
    /// <summary>Defaults to "" (core).</summary>
    public string? Group { get; init; }

    /// <summary>Defaults to <c>Secret</c>.</summary>
    public string? Kind { get; init; }

    public string? Name { get; init; }

    public string? Namespace { get; init; }
}
