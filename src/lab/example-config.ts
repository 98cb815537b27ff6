/**
 * The lab router's example config (`translator lab --example`, and the demo): a C8000V as it
 * prints itself, with the surroundings a real edge router has (management VRF, users, archive
 * for safe change, routes, a banner, vty lines) plus hand-made look-alikes of what translator
 * creates — a VRF, a dot1Q sub-interface of the inside interface, a static NAT in the global
 * table and an ACL — that are not ours and must stay untouched.
 */
export const EXAMPLE_ROUTER_CONFIG = `Building configuration...

Current configuration : 1712 bytes
!
! Last configuration change at 09:12:44 UTC Mon Nov 2 2026 by netops
!
version 17.9
service timestamps debug datetime msec
service timestamps log datetime msec
platform qfp utilization monitor load 80
platform punt-keepalive disable-kernel-core
platform console serial
!
hostname edge1
!
boot-start-marker
boot-end-marker
!
!
vrf definition Mgmt-intf
 description out-of-band management (not managed by translator)
 !
 address-family ipv4
 exit-address-family
!
vrf definition handmade
 description customer VRF made by hand (a look-alike translator must not touch)
 !
 address-family ipv4
 exit-address-family
!
no aaa new-model
!
login on-success log
!
subscriber templating
!
multilink bundle-name authenticated
!
license udi pid C8000V sn 9ZL0N5ZSBF1
memory free low-watermark processor 63709
!
diagnostic bootup level minimal
!
username netops secret 9 $9$lab$notarealhashbutshapedlikeone000000000000000
!
redundancy
!
archive
 path bootflash:archive
 maximum 5
!
interface GigabitEthernet1
 description uplink to the provider
 ip address 203.0.113.2 255.255.255.0
 negotiation auto
 no mop enabled
 no mop sysid
!
interface GigabitEthernet2
 description trunk to the Docker hosts
 no ip address
 negotiation auto
 no mop enabled
 no mop sysid
!
interface GigabitEthernet2.20
 description hand-made customer VLAN
 encapsulation dot1Q 20
 vrf forwarding handmade
 ip address 172.16.20.1 255.255.255.0
!
interface GigabitEthernet3
 description management
 vrf forwarding Mgmt-intf
 ip address 10.255.0.2 255.255.255.0
 negotiation auto
 no mop enabled
 no mop sysid
!
ip forward-protocol nd
no ip http server
no ip http secure-server
ip nat inside source static 172.16.20.5 198.51.100.5
!
ip route 0.0.0.0 0.0.0.0 203.0.113.1
ip route vrf Mgmt-intf 0.0.0.0 0.0.0.0 10.255.0.1
ip ssh version 2
!
ip access-list standard CUSTOMER-ACL
 10 permit 172.16.20.0 0.0.0.255
!
ip access-list standard MGMT-ONLY
 10 permit 10.255.0.0 0.0.0.255
 20 deny   any
!
control-plane
!
banner motd ^C
edge1 - lab router (translator lab). Authorised use only.
^C
!
line con 0
 stopbits 1
line aux 0
line vty 0 4
 access-class MGMT-ONLY in vrf-also
 login local
 transport input ssh
!
end
`;
