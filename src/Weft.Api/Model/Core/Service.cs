using Weft.Api.Binding;
using Weft.Api.Model.Meta;

namespace Weft.Api.Model.Core;

/// <summary>
/// core/v1 Service: a name (<c>name.namespace.svc.cluster.local</c>) and ports in front of the
/// workloads its selector picks. The status is written by the control plane and kept free-form.
/// </summary>
[WireNullsAreAbsent]
public sealed record Service : SpecObject<ServiceSpec>;
