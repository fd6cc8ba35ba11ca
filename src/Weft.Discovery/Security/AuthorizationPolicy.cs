using System.Collections.Immutable;

namespace Weft.Discovery.Security;

/// <summary>One Istio AuthorizationPolicy selected for this workload.</summary>
public sealed record AuthorizationPolicy
{
    public required string Name { get; init; }

    public required string Namespace { get; init; }

    public AuthorizationAction Action { get; init; } = AuthorizationAction.Allow;

    /// <summary>For CUSTOM: the extension provider's name.</summary>
    public string? Provider { get; init; }

    /// <summary>Empty: matches nothing for ALLOW (allow-nothing), as Istio.</summary>
    public ImmutableArray<AuthorizationRule> Rules { get; init; } = [];
}

public enum AuthorizationAction
{
    Allow,
    Deny,
    Audit,
    Custom,
}

/// <summary>A rule: any From AND any To AND every When (Istio's semantics).</summary>
public sealed record AuthorizationRule
{
    public ImmutableArray<AuthorizationSource> From { get; init; } = [];

    public ImmutableArray<AuthorizationOperation> To { get; init; } = [];

    public ImmutableArray<AuthorizationCondition> When { get; init; } = [];
}

public sealed record AuthorizationSource
{
    public ImmutableArray<string> Principals { get; init; } = [];
    public ImmutableArray<string> NotPrincipals { get; init; } = [];
    public ImmutableArray<string> Namespaces { get; init; } = [];
    public ImmutableArray<string> NotNamespaces { get; init; } = [];
    public ImmutableArray<string> IpBlocks { get; init; } = [];
    public ImmutableArray<string> NotIpBlocks { get; init; } = [];
    public ImmutableArray<string> RemoteIpBlocks { get; init; } = [];
    public ImmutableArray<string> NotRemoteIpBlocks { get; init; } = [];
    public ImmutableArray<string> RequestPrincipals { get; init; } = [];
    public ImmutableArray<string> NotRequestPrincipals { get; init; } = [];
}

public sealed record AuthorizationOperation
{
    public ImmutableArray<string> Hosts { get; init; } = [];
    public ImmutableArray<string> NotHosts { get; init; } = [];
    public ImmutableArray<string> Ports { get; init; } = [];
    public ImmutableArray<string> NotPorts { get; init; } = [];
    public ImmutableArray<string> Methods { get; init; } = [];
    public ImmutableArray<string> NotMethods { get; init; } = [];
    public ImmutableArray<string> Paths { get; init; } = [];
    public ImmutableArray<string> NotPaths { get; init; } = [];
}

public sealed record AuthorizationCondition
{
    public required string Key { get; init; }
    public ImmutableArray<string> Values { get; init; } = [];
    public ImmutableArray<string> NotValues { get; init; } = [];
}
