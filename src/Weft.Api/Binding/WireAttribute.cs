namespace Weft.Api.Binding;

/// <summary>The name a property or enum member has on the wire, when it is not the camelCase of its C# name.</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field, Inherited = true)]
public sealed class WireAttribute(string name) : Attribute
{
    public string Name { get; } = name;
}

/// <summary>How an enum's members are spelled on the wire when they carry no <see cref="WireAttribute"/>.</summary>
public enum WireCase
{
    /// <summary>As the C# member name (Gateway API style: <c>PathPrefix</c>).</summary>
    AsIs,
    /// <summary>Upper snake case (Istio/protobuf style: <c>IstioMutual</c> is <c>ISTIO_MUTUAL</c>).</summary>
    UpperSnake,
}

[AttributeUsage(AttributeTargets.Enum)]
public sealed class WireCaseAttribute(WireCase wireCase) : Attribute
{
    public WireCase Case { get; } = wireCase;
}

/// <summary>
/// Marks a dictionary property that receives every field the type does not declare
/// (only for kinds Weft stores without interpreting, such as Deployment or Pod).
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class WireExtensionDataAttribute : Attribute;

/// <summary>
/// On a type: an explicit <c>null</c> for any of its fields means "not set", as Kubernetes decodes
/// built-in types (ObjectMeta's <c>creationTimestamp: null</c>). Without it a null is a type error,
/// as for Istio's CRD fields.
/// </summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class WireNullsAreAbsentAttribute : Attribute;
