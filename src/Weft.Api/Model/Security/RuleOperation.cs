namespace Weft.Api.Model.Security;

/// <summary>Operation: what a request does. Fields are ANDed, values within a field ORed.</summary>
public sealed record RuleOperation
{
    /// <summary>Hosts (the Host or :authority header), case-insensitive.</summary>
    public IReadOnlyList<string>? Hosts { get; init; }
    public IReadOnlyList<string>? NotHosts { get; init; }

    /// <summary>Destination ports, as strings of digits.</summary>
    public IReadOnlyList<string>? Ports { get; init; }
    public IReadOnlyList<string>? NotPorts { get; init; }

    /// <summary>HTTP methods (gRPC requests are always POST).</summary>
    public IReadOnlyList<string>? Methods { get; init; }
    public IReadOnlyList<string>? NotMethods { get; init; }

    /// <summary>Paths, after normalization; <c>{*}</c> and <c>{**}</c> match one or several segments.</summary>
    public IReadOnlyList<string>? Paths { get; init; }
    public IReadOnlyList<string>? NotPaths { get; init; }
}
