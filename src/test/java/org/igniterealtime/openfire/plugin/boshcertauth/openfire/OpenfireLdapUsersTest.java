package org.igniterealtime.openfire.plugin.boshcertauth.openfire;

import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Openfire's user filter and user names as LdapManager makes them (issue 19: ldap.searchFilter, ldap.usernameSuffix). */
class OpenfireLdapUsersTest {

    @Test
    void theAdministratorsFilterIsTakenOutOfOpenfiresUserFilterAsWritten() {
        // Execute / Verify: LdapManager.getSearchFilter() is (&(field={0})searchFilter), or (field={0}) without one
        assertEquals(Optional.of("(objectClass=user)"), OpenfireLdapUsers.searchFilter("(&(uid={0})(objectClass=user))", "uid"));
        assertEquals(Optional.of("(objectClass=user)(!(cn=x))"), OpenfireLdapUsers.searchFilter("(&(uid={0})(objectClass=user)(!(cn=x)))", "uid"));
        assertEquals(Optional.of("objectClass=user"), OpenfireLdapUsers.searchFilter("(&(uid={0})objectClass=user)", "uid"));
        assertEquals(Optional.empty(), OpenfireLdapUsers.searchFilter("(uid={0})", "uid"));
        assertEquals(Optional.empty(), OpenfireLdapUsers.searchFilter(null, "uid"));
    }

    @Test
    void anUnexpectedShapeIsKeptWholeWithAWildcardForTheUsername() {
        // Execute / Verify: still exactly the entries Openfire lists as users
        assertEquals(Optional.of("(|(uid=*)(mail=*))"), OpenfireLdapUsers.searchFilter("(|(uid={0})(mail={0}))", "uid"));
    }

    @Test
    void theSuffixIsRemovedOnlyWhereOpenfireCouldLoadTheUser() {
        // Execute / Verify
        assertEquals(Optional.of("alice"), OpenfireLdapUsers.username("alice@corp.example.com", "@corp.example.com"));
        assertEquals(Optional.empty(), OpenfireLdapUsers.username("alice@other.example.org", "@corp.example.com"));
        assertEquals(Optional.empty(), OpenfireLdapUsers.username("@corp.example.com", "@corp.example.com"));
        assertEquals(Optional.of("Alice"), OpenfireLdapUsers.username("Alice", ""));
        assertEquals(Optional.of("Alice"), OpenfireLdapUsers.username("Alice", null));
        assertEquals(Optional.empty(), OpenfireLdapUsers.username("", ""));
    }
}
