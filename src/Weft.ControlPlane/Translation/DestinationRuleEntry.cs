using Weft.Api.Model.Networking;

namespace Weft.ControlPlane.Translation;

/// <summary>A DestinationRule with its host resolved to an FQDN and its visibility.</summary>
public sealed record DestinationRuleEntry(DestinationRule Object, string Host, Visibility ExportTo)
{
    public string Namespace => Object.Namespace;
    public string Id => $"{Object.Name}.{Object.Namespace}";
    public DestinationRuleSpec Spec => Object.Spec ?? new DestinationRuleSpec();
}
