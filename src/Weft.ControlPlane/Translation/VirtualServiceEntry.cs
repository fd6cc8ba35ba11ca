using System.Collections.Immutable;
using Weft.Api.Model.Networking;

namespace Weft.ControlPlane.Translation;

/// <summary>A VirtualService with its hosts resolved to FQDNs and its visibility, as indexed once per push.</summary>
public sealed record VirtualServiceEntry(VirtualService Object, ImmutableArray<string> Hosts, ImmutableArray<string> Gateways, Visibility ExportTo)
{
    public string Namespace => Object.Namespace;
    public string Id => $"{Object.Name}.{Object.Namespace}";
    public VirtualServiceSpec Spec => Object.Spec ?? new VirtualServiceSpec();
}
