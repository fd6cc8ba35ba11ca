using Weft.Api.Kinds;
using Weft.Api.Model.Meta;

namespace Weft.ControlPlane.Config;

/// <summary>One stored object, typed, with its store key and the revision that last changed it.</summary>
public sealed record StoredConfig(KubeObject Object, KindInfo Kind, string Key, long ModRevision);
