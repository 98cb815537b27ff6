/**
 * A small but realistic running-config for the lab router in the demo: the surroundings a real
 * edge router has (users, addresses, a default route, archive for safe change, vty lines) plus
 * hand-made look-alikes of what translator creates — a VRF, a dot1Q sub-interface, a static NAT
 * in the global table and an ACL — that are not ours and must stay untouched.
 */
export const EXAMPLE_ROUTER_CONFIG = `Building configuration...

Current configuration : 1024 bytes
!
version 17.9
service timestamps debug datetime msec
service timestamps log datetime msec
platform qfp utilization monitor load 80
!
hostname edge1
!
boot-start-marker
boot-end-marker
!
vrf definition handmade
 description customer-owned, not translator's
 !
 address-family ipv4
 exit-address-family
!
archive
 path flash:archive
 maximum 5
!
username admin privilege 15 secret 9 $9$examplehashonly
!
interface GigabitEthernet1
 description uplink
 ip address 203.0.113.2 255.255.255.0
!
interface GigabitEthernet2
 description docker hosts trunk
 no ip address
!
interface GigabitEthernet2.20
 description hand-made
 encapsulation dot1Q 20
 vrf forwarding handmade
 ip address 172.16.20.1 255.255.255.0
!
ip forward-protocol nd
ip nat inside source static 172.16.20.5 198.51.100.5
ip route 0.0.0.0 0.0.0.0 203.0.113.1
ip ssh version 2
!
ip access-list standard CUSTOMER-ACL
 10 permit 172.16.20.0 0.0.0.255
!
line con 0
 stopbits 1
line vty 0 4
 login local
 transport input ssh
!
end
`;
