namespace Weft.Discovery.Listeners;

public enum TrafficDirection
{
    Inbound,
    Outbound,
}
