/** MIME plumbing shared by Postdesk's body-rewriting mailets: which parts are text bodies, and saving safely. */
package eu.postdesk.mailets.mime;
