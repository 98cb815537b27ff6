/** What a fresh C8000V on IOS XE 17.9 shows, used when the lab is started without a config. */
export const DEFAULT_CONFIG = `version 17.9
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
no aaa new-model
!
login on-success log
!
subscriber templating
!
multilink bundle-name authenticated
!
crypto pki trustpoint SLA-TrustPoint
 enrollment pkcs12
 revocation-check crl
!
license udi pid C8000V sn 9ZL0N5ZSBF1
memory free low-watermark processor 63709
!
diagnostic bootup level minimal
!
username admin secret 9 $9$lab$notarealhashbutshapedlikeone000000000000000
!
redundancy
!
interface GigabitEthernet1
 ip address 203.0.113.2 255.255.255.0
 negotiation auto
 no mop enabled
 no mop sysid
!
interface GigabitEthernet2
 no ip address
 negotiation auto
 no mop enabled
 no mop sysid
!
interface GigabitEthernet3
 no ip address
 shutdown
 negotiation auto
 no mop enabled
 no mop sysid
!
ip forward-protocol nd
no ip http server
no ip http secure-server
!
ip route 0.0.0.0 0.0.0.0 203.0.113.1
ip ssh version 2
!
control-plane
!
line con 0
 stopbits 1
line aux 0
line vty 0 4
 login local
 transport input ssh
!
end
`;
