using Weft.Api.Binding;

namespace Weft.Api.Model.Extensions;

/// <summary>PullPolicy: when a module is fetched again (spelled as Kubernetes spells image pull policies).</summary>
public enum PullPolicy
{
    [Wire("UNSPECIFIED_POLICY")]
    UnspecifiedPolicy,
    IfNotPresent,
    Always,
}
