/** CE Bot: the Customer Engineering team's routines as a Slack app. */
package com.cebot;
