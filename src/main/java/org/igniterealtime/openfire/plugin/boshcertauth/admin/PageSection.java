package org.igniterealtime.openfire.plugin.boshcertauth.admin;

import org.igniterealtime.openfire.plugin.boshcertauth.admin.html.Node;

/** One part of the admin page; {@link AdminPageRenderer} lists them in page order. */
interface PageSection {

    Node render(AdminPage page);
}
