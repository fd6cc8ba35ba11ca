using Weft.Api.Binding;

namespace Weft.Api.Model.Meta;

/// <summary>
/// Every stored object: apiVersion, kind and metadata. Typed kinds derive from
/// <see cref="SpecObject{TSpec}"/>; kinds Weft only stores are <see cref="GenericObject"/>.
/// Objects are immutable: a change is a new object (<c>with</c> expressions).
/// </summary>
public abstract record KubeObject
{
    public string ApiVersion { get; init; } = "";

    public string Kind { get; init; } = "";

    public ObjectMeta Metadata { get; init; } = new();

    /// <summary>The API group ("" for core), from apiVersion.</summary>
    public string Group => ApiVersion.Contains('/', StringComparison.Ordinal) ? ApiVersion[..ApiVersion.IndexOf('/', StringComparison.Ordinal)] : "";

    /// <summary>The version, from apiVersion.</summary>
    public string Version => ApiVersion.Contains('/', StringComparison.Ordinal) ? ApiVersion[(ApiVersion.IndexOf('/', StringComparison.Ordinal) + 1)..] : ApiVersion;

    public string Name => Metadata.Name ?? "";

    public string Namespace => Metadata.Namespace ?? "";

    /// <summary>How Istio's messages name an object: <c>VirtualService default/reviews</c>, or <c>Namespace foo</c> without a namespace.</summary>
    public string Origin => FormatOrigin(Kind, Metadata.Namespace, Name);

    /// <summary><c>Kind namespace/name</c>, <c>Kind name</c> without a namespace, <c>Kind</c> alone without a name.</summary>
    public static string FormatOrigin(string kind, string? ns, string? name) =>
        string.IsNullOrEmpty(name) ? kind : string.IsNullOrEmpty(ns) ? $"{kind} {name}" : $"{kind} {ns}/{name}";
}

/// <summary>An object with a <c>status</c> the server writes.</summary>
public interface IHasStatus
{
    FreeForm? Status { get; }
}

/// <summary>A kind with a <c>spec</c> the user writes and a <c>status</c> the server writes.</summary>
public abstract record SpecObject<TSpec> : KubeObject, IHasStatus where TSpec : class
{
    public TSpec? Spec { get; init; }

    /// <summary>Written by the control plane (validation messages, Gateway API conditions); ignored on apply.</summary>
    public FreeForm? Status { get; init; }
}

/// <summary>
/// An object of a kind Weft stores but does not act on (Deployment, Pod, VirtualMachine, ...):
/// every field besides apiVersion, kind and metadata is kept as written.
/// </summary>
public sealed record GenericObject : KubeObject
{
    [WireExtensionData]
    public IReadOnlyDictionary<string, FreeForm>? Fields { get; init; }

    public FreeForm? Field(string name) => Fields is not null && Fields.TryGetValue(name, out var v) ? v : null;
}
